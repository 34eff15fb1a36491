"""`__in` on integer columns that ignores numbers no column can hold.

Django (6.1) already turns `pk=2**63` into "no rows", but not `pk__in=[2**63]`: SQLite's driver
raises OverflowError and PostgreSQL refuses the query, both 500s. Every multiple-choice form
field (`ModelMultipleChoiceField`: stages, personas, pillars, asset selections) checks the
submitted ids with such a query, so a typed-in huge id took the page down. An id outside the
column's range can match no row, so it is left out; an empty list matches nothing.
Registered for IntegerField (and so every integer and auto field) in PersonasConfig.ready(),
in the lowest app, so it holds for the whole project.
"""

from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            try:
                low, high = connection.ops.integer_field_range(
                    self.lhs.output_field.get_internal_type()
                )
            except KeyError:  # an integer type the backend has no range for
                low = high = None
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
