"""Django's ModelBackend with the user's permission set read from the shared cache.

`user.has_perm()` loads every permission of the user (two queries) once per request; with a
shared cache configured the set is kept between requests (personas.usercache explains when
it is dropped), so a role check costs no SQL on the download path.
"""

from django.contrib.auth.backends import ModelBackend

from personas import usercache


class CachedModelBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = usercache.cached(
                user_obj,
                "perms",
                lambda: super(CachedModelBackend, self).get_all_permissions(user_obj),
            )
        return user_obj._perm_cache
