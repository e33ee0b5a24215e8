"""One module per lesson exercise; each defines EXERCISE."""
