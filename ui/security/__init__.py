"""GUI security pieces: the clipboard that clears itself, settings and lifecycle dialogs, logs."""
