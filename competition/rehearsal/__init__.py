"""Rehearsal tools: HTTP clients that play a race night against a running server (competition_simulate).

They sit outside the domain modules: nothing in the app imports them, and they reach the app only
through its HTTP API, as kiosks, organisers and spectators do.
"""
