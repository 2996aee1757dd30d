a{{BI_SPACE}}b{{BI_NEWLINE}}c {{BI_SPACE:h}}|
