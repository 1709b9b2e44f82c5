"""Dangvu (Đảng vụ): records and figures of the party-building work of a Party committee."""
