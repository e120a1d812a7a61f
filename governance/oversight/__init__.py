"""Provincial oversight: the dashboard of communes, the trial-operation checklist, findings."""
