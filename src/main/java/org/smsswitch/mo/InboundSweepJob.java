package org.smsswitch.mo;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Quartz's handle on {@link MoService#processPending} and {@link AppNotifier#deliverDue}: texts left
 * unprocessed are taken up, and notifications due to keywords' applications are delivered.
 */
@DisallowConcurrentExecution
public final class InboundSweepJob implements Job {
    private final MoService mo;
    private final AppNotifier notifier;

    public InboundSweepJob(MoService mo, AppNotifier notifier) {
        this.mo = mo;
        this.notifier = notifier;
    }

    @Override
    public void execute(JobExecutionContext context) {
        mo.processPending();
        notifier.deliverDue();
    }
}
