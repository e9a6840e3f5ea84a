"""`trainer serve`: the learner app in the browser, one app process per tab (textual-serve)."""
