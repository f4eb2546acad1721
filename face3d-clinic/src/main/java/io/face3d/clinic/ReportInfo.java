package io.face3d.clinic;

/**
 * Who and what a report is about, shown at its top: the patient and visit (blank when the assessment was not stored
 * as a visit), the date it was made, and the tool and model versions that made it.
 *
 * @param patient the patient (folder name or code), or null when not given
 * @param visit   the visit date (YYYY-MM-DD), or null when not given
 * @param date    when the report was made (YYYY-MM-DD)
 * @param tool    e.g. "face3d 0.1.0"
 * @param model   the morphable model's name and version
 */
public record ReportInfo(String patient, String visit, String date, String tool, String model) {
    public ReportInfo {
        if (date == null || tool == null || model == null) {
            throw new IllegalArgumentException("a report needs its date, tool and model");
        }
    }

    /** A report without patient or visit, made today. */
    public static ReportInfo unnamed(String tool, String model) {
        return new ReportInfo(null, null, java.time.LocalDate.now().toString(), tool, model);
    }
}
