"""The trajectory screens: lists (lijsten), the request (aanmelding), the trajectory page (detail), one small
view per action on it (acties) and the school's closing answers without login (afsluiting)."""
