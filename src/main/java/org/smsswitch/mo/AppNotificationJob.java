package org.smsswitch.mo;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Quartz's handle on {@link AppNotifier#deliverDue}: notifications due to keywords' applications are
 * delivered. A job of its own, so that slow applications do not hold up the sweep of texts.
 */
@DisallowConcurrentExecution
public final class AppNotificationJob implements Job {
    private final AppNotifier notifier;

    public AppNotificationJob(AppNotifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public void execute(JobExecutionContext context) {
        notifier.deliverDue();
    }
}
