"""Everything zhixing prints or exports: the .docx records and forms and the .xlsx workbooks,
over one shared style, written to a temporary name and renamed."""
