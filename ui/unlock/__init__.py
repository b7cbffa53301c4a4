"""The locked state: unlock an existing vault or create the first one."""
