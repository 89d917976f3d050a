"""繁简分流: a case's facts, the engine's suggestion, the decision and fair draw, 类案集中,
二次分案 and 简转繁, and the queue the triage screen reads."""
