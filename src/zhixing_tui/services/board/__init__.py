"""The handoff board (流转看板): handoffs between groups and their approval by 指挥监控,
closing through 结案审查 with the 终本 materials, travel requests, 线索查控 distribution,
who may act, and every kind of pending approval."""
