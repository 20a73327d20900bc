"""Two processes opening the same new SQLite file: the switch to WAL waits for the other."""
def test_wal_switch_waits_for_another_process_opening_the_same_new_file(tmp_path):
    import sqlite3
    import threading

    from newsledger.store.db import _wal

    path = tmp_path / "new.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN")
    holder.execute("SELECT * FROM t").fetchall()          # another process reads the new file
    threading.Timer(0.3, lambda: holder.execute("COMMIT")).start()
    # no busy wait: SQLite answers "locked" at once, as it does to one of two processes switching together
    other = sqlite3.connect(path, isolation_level=None, timeout=0, check_same_thread=False)
    _wal(other.cursor(), pause_s=0.02)
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
