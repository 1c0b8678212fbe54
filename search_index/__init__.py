"""Per-locale search indexes over passages: each page cut at its headings and steps."""
