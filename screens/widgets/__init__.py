"""What several screens share: the base of the screens that show a meeting, the base of the
modal forms, name fields and name entry, the key bar, the palette, the clocks."""
