"""Writing user groups: create, rename and change members, delete; each audited.

Reading them stays in ``resolvers.user_groups`` and the loaders.
"""
