"""Deadlines (流程节点): recording the events that start and complete nodes, suspensions and
督办, the one alerts query behind the 超期预警 screen, the home counts and the nightly report,
and the holiday schedules staff load."""
