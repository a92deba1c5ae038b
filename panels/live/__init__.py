"""The live interview screen, shared by every tablet on the panel."""
