"""The built-in demo case: an invented 4th grader whose IEP is partly not followed."""
