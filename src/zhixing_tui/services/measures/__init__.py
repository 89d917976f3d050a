"""执行措施: the measures a handler takes on a respondent (限制消费, 失信, 罚款, 拘留, 边控, 约谈, 搜查,
悬赏) — taken, lifted (解除/屏蔽/撤销), listed — each with its date, handler, document number and,
where the seed asks, its approval; each records the events the court's deadline rules wait for."""
