"""Preparing interview questions together: banks, easy-read checks, pictures, marks."""
