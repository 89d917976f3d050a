"""Cases: registering (立案登记), parties and corrections, stage moves and closing, and the
read side a clerk searches with (search, case detail and timeline, today's summary)."""
