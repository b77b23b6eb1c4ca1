package keybot.bot.slack;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.impl.MethodsClientImpl;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import okhttp3.FormBody;
import okhttp3.Response;

/**
 * The Slack SDK's Web API client, but reading Slack's answers with one shared Gson. The SDK builds a new Gson for
 * every answer, and building the type adapters for its large response classes again each time was most of the CPU
 * one Slack call cost keybot. The SDK's rate-limit metrics and response listeners are left out: keybot uses neither.
 */
public final class SlackMethods extends MethodsClientImpl {

    private static final Gson GSON = GsonFactory.createSnakeCase();

    public SlackMethods(Slack slack, String token) {
        super(slack.getHttpClient(), token);
        setEndpointUrlPrefix(slack.getConfig().getMethodsEndpointUrlPrefix());
    }

    @Override
    protected <T extends SlackApiTextResponse> T postFormWithTokenAndParseResponse(
            FormBody.Builder form, String endpoint, String token, Class<T> type) throws IOException, SlackApiException {
        try (Response response = postFormWithToken(form, endpoint, token)) {
            String body = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new SlackApiException(getSlackHttpClient().getConfig(), response, body);
            }
            T answer = GSON.fromJson(body, type);
            answer.setHttpResponseHeaders(response.headers().toMultimap());
            return answer;
        }
    }
}
