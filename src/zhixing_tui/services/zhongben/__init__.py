"""终本 (终结本次执行程序): whether a case may close by 终本 (the national conditions of
法〔2016〕373号 第一条 and the court's own list), the 终本案件库 that re-queries every closed case
every 6 months for 5 years (第九条), and 恢复执行 (a 执恢 case linked to the one it resumes)."""
