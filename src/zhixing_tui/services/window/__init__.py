"""The window (窗口): the 初次接待 record, the 查控 checklist of queries, and the documents
made and served by the four steps."""
