"""Every cap the loader enforces, in one place: breaking one is a Problem, never a crash or a hang.

The caps keep an upload (or a zip bomb, or a workbook that claims a million columns) from exhausting
the memory of a dashboard shared by many readers; a coded log opened from disk has caps of its own."""

MB = 1024 * 1024
MAX_FILE_MB = 20
MAX_FILE_BYTES = MAX_FILE_MB * MB  # one uploaded file, one file in a folder, one zip member
MAX_FILES = 50  # files in one upload, folder or zip
MAX_TOTAL_MB = 60
MAX_TOTAL_BYTES = MAX_TOTAL_MB * MB  # all files of one package together, after unzipping
MAX_XLSX_UNPACKED_MB = 100  # an .xlsx is a zip of XML: what it may unpack to
MAX_XLSX_MEMBERS = 10_000
MAX_COLUMNS = 100
MAX_ROWS = 50_000
MAX_CELL_CHARS = 100_000

LOG_MAX_ROWS = 2_000_000  # the coded log only; every other table keeps MAX_ROWS
LOG_MAX_FILE_MB = 300  # a log opened from disk (--data); uploads keep MAX_FILE_MB
LOG_MAX_FILE_BYTES = LOG_MAX_FILE_MB * MB
MAX_PROBLEMS = 100  # problems of a log listed one by one; the rest are counted

# What a page can draw and a reader can take in: beyond these a package is refused, not half drawn.
MAX_PARTIES = 50  # rows of parties: every party is a bar, a colour and a legend entry on every chart
MAX_CHANNELS = 30  # rows of channels (and distinct channels of a log): one group of bars each
MAX_NAME_CHARS = 200  # an id, a name or a short name (parties, channels, a log's subject or programme)
MAX_LABEL_CHARS = 500  # a fact's label: a sentence at most, shown in tables and the pack
# The subjects chart shows the SUBJECTS_SHOWN subjects with most airtime and the rest as one "others"
# bar (observer.segments.subjects); the log keeps every subject.

# Values: what a number or a date of an election can be.
MIN_INTEGER, MAX_INTEGER = -(2 ** 63), 2 ** 63 - 1  # what a 64-bit column holds exactly
FIRST_DATE, LAST_DATE = "1990-01-01", "2100-12-31"  # a date outside is a typo, not an election's day
