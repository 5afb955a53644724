"""Models follow in their own issue; the app exists so the layout is whole from the start."""
