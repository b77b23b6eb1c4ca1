package keybot.approvals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Notifier} that remembers every call; it can be told to fail posting, refreshing or sending the
 * secret.
 */
final class RecordingNotifier implements Notifier {

    static final KeyRequest.MessageRef MESSAGE = new KeyRequest.MessageRef("C0APPROVALS", "1700000000.000100");

    final List<KeyRequest> posted = new ArrayList<>();
    final List<KeyRequest> refreshed = new ArrayList<>();
    private Runnable duringNextRefresh = () -> { };
    final List<KeyRequest> told = new ArrayList<>();
    final List<KeyRequest> deliveredTo = new ArrayList<>();
    final List<String> deliveredSecrets = new ArrayList<>();
    private boolean postingFails;
    private boolean refreshWorks = true;
    private DeliveryFailure deliveryFailure;
    private int deliveryFailuresLeft;

    /** From now on, posting for approval fails (as with Slack's not_in_channel). */
    void failPosting() {
        postingFails = true;
    }

    /** What every later {@link #refreshApproval} answers: false as when Slack cannot be reached. */
    void refreshWorks(boolean works) {
        this.refreshWorks = works;
    }

    /** Makes the next {@code times} calls of {@link #deliverSecret} throw {@code failure}. */
    void failNextDeliveries(DeliveryFailure failure, int times) {
        this.deliveryFailure = failure;
        this.deliveryFailuresLeft = times;
    }

    @Override
    public Optional<KeyRequest.MessageRef> postForApproval(KeyRequest request) {
        posted.add(request);
        return postingFails ? Optional.empty() : Optional.of(MESSAGE);
    }

    @Override
    public boolean refreshApproval(KeyRequest request) {
        refreshed.add(request);
        Runnable meanwhile = duringNextRefresh;
        duringNextRefresh = () -> { };
        meanwhile.run();
        return refreshWorks;
    }

    /** Something that happens elsewhere while the next refresh is under way. */
    void duringNextRefresh(Runnable meanwhile) {
        duringNextRefresh = meanwhile;
    }

    @Override
    public void tellRequester(KeyRequest request) {
        told.add(request);
    }

    @Override
    public void deliverSecret(KeyRequest request, Secret secret) {
        if (deliveryFailuresLeft > 0) {
            deliveryFailuresLeft--;
            throw deliveryFailure;
        }
        deliveredTo.add(request);
        deliveredSecrets.add(secret.reveal());
    }
}
