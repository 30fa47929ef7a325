"""The page feedback report for editors (built by the feedback helper)."""
