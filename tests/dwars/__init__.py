"""Suites that cut across the apps: role × URL, canary, extra fields, fuzzing, concurrency, query budgets."""
