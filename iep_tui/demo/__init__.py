"""The built-in demo case: an invented 4th grader whose IEP is partly not followed.

The id lives here, import-free, so `iep-tui --demo` can see whether the demo is
already in the workspace without loading the models before the first frame.
"""

DEMO_CASE_ID = "demo-lena"
