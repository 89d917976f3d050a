"""Statistics: the monthly figures (月度执行工作统计) and the 线索查控 member figures."""
