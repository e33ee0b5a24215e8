"""The training lab: devices, offline data, one exercise per lesson, runs that yield events. No UI code."""
