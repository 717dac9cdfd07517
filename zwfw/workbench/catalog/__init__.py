"""The staff side of the catalog (事项管理): editors, reviewers, supervisors and administrators."""
