package org.mcalab.gateway;
