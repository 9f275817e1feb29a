"""Small widgets: minutes bars, sparklines, the urgency banner, the month grid."""
