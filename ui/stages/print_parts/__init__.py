"""Parts of the Print stage: page rendering (preview and printing) and the preview widget."""
