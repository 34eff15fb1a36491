"""Django's ModelBackend, reading a person's permissions in one query, kept in the shared cache.

Every request asks `user.has_perm` (personas.roles), so the default's two queries (the user's
own permissions, then their groups') would cost a statement on every page and every tracked
download (DESIGN §5: statements are the budget). Here they are one query, cached on the user
object for the request as ModelBackend does, and with a shared cache configured kept between
requests (personas.usercache explains when it is dropped), so a role check then costs no SQL.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q

from personas import usercache


class CachedModelBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = usercache.cached(
                user_obj, "perms", lambda: self._read_permissions(user_obj)
            )
        return user_obj._perm_cache

    def _read_permissions(self, user_obj) -> set[str]:
        if user_obj.is_superuser:
            return super().get_all_permissions(user_obj)
        rows = (
            Permission.objects.filter(Q(user=user_obj) | Q(group__user=user_obj))
            .values_list("content_type__app_label", "codename")
            .distinct()
        )
        return {f"{app}.{codename}" for app, codename in rows}
