"""Every visible string of the app lives in this package (zh-CN), one module per area.

Code uses ASCII identifiers; screens import their strings from here, never inline them.
"""
