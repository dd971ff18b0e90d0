"""End-to-end tests: the built extension in real Chromium and Firefox against the Greenhouse sandbox."""
