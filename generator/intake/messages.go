package intake

// Every message of the package, built in one place so that they can move
// into a catalog (issue 13). Each says what is wrong and how to fix it.
const (
	msgOldFormat     = "this kind of file cannot be read: open it and save it as Excel Workbook (.xlsx) or CSV UTF-8 (.csv)"
	msgUnknownFormat = "not a workbook: give .xlsx or .csv files"
	msgNotWorkbook   = "cannot read this workbook (%v): open it in Excel or LibreOffice and save it again as .xlsx"
	msgCannotRead    = "cannot read the file: %v"
	msgNotUTF8       = "the file is not UTF-8 text: save it again as CSV UTF-8 (Excel: File > Save As > CSV UTF-8)"
	msgBadCSV        = "cannot read this CSV file (%v): save it again from the spreadsheet program"
	msgNoHeader      = "no header row in the first %d rows: one row must name a unit column (%s, %s or %s) and the count column %q%s"
	msgNoCountColumn = "this header row has a unit column but no count column %q%s (the columns are: %s); name the column with --column"

	msgNegative  = "%q is negative: a count is a whole number of followers, 0 or more"
	msgNotWhole  = "%q is not a whole number: a count is a whole number of followers (write thousands as 1.234 or 1234)"
	msgNotNumber = "%q is not a number: write the count of followers as a whole number, like 1234"
	msgTooLarge  = "%q is too large for a count of followers"
	msgOddCell   = "%q is not a number: write the count of followers as a whole number, like 1234"

	msgUnknownID   = "no unit has the id %q%s; the ids are in content/units/"
	msgUnknownName = "no unit is named %q: the nearest is %q (%s); write the name as in content/units/, or give the id in a %q column"
	msgAmbiguous   = "%q is the name of %d units: %s; give the full name, or the id in a %q column"
	msgRetired     = "%s (%s) stopped taking part on %s, so the report of %s cannot count it: remove this row, or change retired in %s if the date is wrong"
	msgTwice       = "%s (%s) is given twice with different counts: %s here and %s at %s; keep the right one"

	msgNeedFollowers   = "%s does not exist yet: give the account's total followers on %s with --followers N"
	msgFollowersDiffer = "%s gives %s followers, not %s: rerun with --force to replace the total"
	msgCountDiffers    = "%s already has %s in %s, and this cell says %s: rerun with --force to replace the count"
	msgAppeared        = "%s was written by someone else meanwhile: it is left as it is; run the import again"
	msgCannotEdit      = "%s cannot be edited in place (%s): add the counts by hand, or move the file away and import again"

	msgNothing = "no row of these files gives a count: fill in the %q column of the units that report"
)

// The summary report import prints before writing.
const (
	sumReport           = "report of %s: %s (%s)\n"
	sumFollowers        = "followers: %s\n"
	sumFollowersPrev    = "followers: %s (previous report, %s on %s: %s)\n"
	sumFollowersChanged = "followers: %s (replaces %s, --force)\n"
	sumMatched          = "%d unit(s) matched in %d file(s):\n"
	sumFirst            = "first count"
	sumDropped          = "WENT DOWN"
	sumReplaces         = "replaces %s (--force)"
	sumSame             = "already in the report"
	sumExisting         = "%d unit(s) added to the report, %d count(s) replaced\n"
	sumDrops            = "%d unit(s) went down since their previous count: check them\n"
	sumOverTotal        = "warning: the units' counts add up to %s, more than the %s followers of the report\n"
	sumNotReported      = "%d unit(s) did not report:\n"
	sumNever            = "never reported"
	sumLast             = "last: %s on %s"
)
