package keybot.bot.slack;

import com.slack.api.model.view.ViewState;
import java.util.Map;
import java.util.Optional;

/** Reads what a person entered in a submitted modal; a missing or empty input reads as null. */
final class ViewValues {

    private final Map<String, Map<String, ViewState.Value>> values;

    ViewValues(ViewState state) {
        this.values = state == null || state.getValues() == null ? Map.of() : state.getValues();
    }

    /** The text of the input whose block and action ids are both {@code id}, stripped. */
    String text(String id) {
        return value(id)
                .map(ViewState.Value::getValue)
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .orElse(null);
    }

    /** The value of the option chosen in the select whose block and action ids are both {@code id}. */
    String selected(String id) {
        return value(id)
                .map(ViewState.Value::getSelectedOption)
                .map(o -> o.getValue())
                .orElse(null);
    }

    private Optional<ViewState.Value> value(String id) {
        return Optional.ofNullable(values.get(id)).map(block -> block.get(id));
    }
}
