"""The minutes, rendered from the folded meeting: the Markdown document, its proposals' part,
the escaping of what people typed, and the JSON record. Reads facilitator.meeting; no disk of its
own beyond writing the file it is asked to write."""
