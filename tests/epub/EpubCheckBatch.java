// EpubCheckBatch.java — epubcheck 4.2.6 on many books in one JVM, for
// tests/epub/test-epub.sh: `java -jar epubcheck.jar` costs ~5 s of start-up
// per book.  Uses epubcheck's own API (EpubCheck + DefaultReportImpl, which
// prints each message as the command line does), then one line per book:
// "RESULT FILE FATALS ERRORS WARNINGS".  Exit 1 if any book has any of them.
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

public class EpubCheckBatch {
	public static void main(String[] args) {
		int bad = 0;

		for (String a : args) {
			DefaultReportImpl r = new DefaultReportImpl(a);

			new EpubCheck(new File(a), r).doValidate();
			int f = r.getFatalErrorCount(), e = r.getErrorCount(), w = r.getWarningCount();

			System.out.println("RESULT " + a + " " + f + " " + e + " " + w);
			if (f + e + w > 0)
				bad++;
		}
		System.exit(bad > 0 ? 1 : 0);
	}
}
