package org.smsswitch.mo;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Quartz's handle on {@link MoService#processPending}: texts left unprocessed are taken up. */
@DisallowConcurrentExecution
public final class InboundSweepJob implements Job {
    private final MoService mo;

    public InboundSweepJob(MoService mo) {
        this.mo = mo;
    }

    @Override
    public void execute(JobExecutionContext context) {
        mo.processPending();
    }
}
