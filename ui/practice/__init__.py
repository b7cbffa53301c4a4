"""Practice mode in the GUI: start a mock consultation, the survivor panel, the debrief."""
