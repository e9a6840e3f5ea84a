"""Who is signing in, in served mode: passphrases, one-time invite codes, throttling, roles.

Plain Python (no UI). Local terminal mode does not use this package: the person at the
keyboard is trusted there. In served mode (`trainer serve`) many people share one host, so a
learner proves who they are with a passphrase set through a one-time invite code.
Everything is kept in `<data>/identity/` through the store's locks and atomic writes.
"""
