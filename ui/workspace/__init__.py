"""The workspace: stage navigation, stage pages, guidance and visit notes for one case."""
