package keybot.bot.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExportFormatTest {

    @Test
    void csvFieldsAreQuotedOnlyWhenRfc4180AsksAndEmptyTextIsTellableFromMissing() {
        assertEquals("", ExportFormat.csvField(null));
        assertEquals("\"\"", ExportFormat.csvField(""));
        assertEquals("plain text", ExportFormat.csvField("plain text"));
        assertEquals("\"a,b\"", ExportFormat.csvField("a,b"));
        assertEquals("\"say \"\"no\"\"\"", ExportFormat.csvField("say \"no\""));
        assertEquals("\"line\nnext\"", ExportFormat.csvField("line\nnext"));
        assertEquals("\"cr\rhere\"", ExportFormat.csvField("cr\rhere"));
    }

    @Test
    void formatsAreNamedInLowerCaseOnly() {
        assertEquals(Optional.of(ExportFormat.JSONL), ExportFormat.named("jsonl"));
        assertEquals(Optional.of(ExportFormat.CSV), ExportFormat.named("csv"));
        assertEquals(Optional.empty(), ExportFormat.named("CSV"));
        assertEquals(Optional.empty(), ExportFormat.named("json"));
    }
}
